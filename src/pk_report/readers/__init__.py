"""Reading the clerk's files into raw, all-text tables (step 1 of the pipeline)."""
