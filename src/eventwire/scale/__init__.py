"""Scale-out: `eventwire.scale.ray_runner.run_ray` runs the extraction on Ray Data
(`pip install eventwire[ray]`); Ray is imported only when a run starts."""
