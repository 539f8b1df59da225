"""ngo-handbook: build a multilingual volunteer-programme handbook from YAML data and Markdown."""

__version__ = "0.1.0"
