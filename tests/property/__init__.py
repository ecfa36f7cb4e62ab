"""Property tests (hypothesis): hostile input against every public form, import and address."""
