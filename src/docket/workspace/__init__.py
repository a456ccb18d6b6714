"""A folder of RFCs: configuration, discovery, numbering, states and the index."""
