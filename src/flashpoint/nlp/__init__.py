from .pipeline import load_pipeline

__all__ = ["load_pipeline"]
