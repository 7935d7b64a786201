"""Running the pipeline over many documents: worker processes (and, later, a Dask engine)."""
