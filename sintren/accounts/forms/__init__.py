"""Forms of the applicant accounts, one module per flow."""
