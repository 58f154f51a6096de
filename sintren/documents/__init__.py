"""Supporting documents (*Data Dukung*): upload validation, sanitising and private storage."""
