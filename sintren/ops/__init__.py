"""Operations: the commands that set up, serve and maintain a SINTREN instance."""
