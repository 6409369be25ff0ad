"""From a folder of raw reports to the tables in data/processed: reading, building, the schema, files, loading."""
