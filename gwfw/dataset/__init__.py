"""A folder of raw reports -> the tables in data/processed: reading, building, the schema, files, loading."""
