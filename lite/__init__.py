"""Build and serve the lessons as a JupyterLite site (make lite, make lite-serve)."""
