"""What researchers see: notebook views, charts, HTML fragments, the batch and its templates."""
