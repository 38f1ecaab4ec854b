"""Reading replies from inputs: every reader yields a Record or an InputError."""
from replylint.io.fields import KEYS, FieldMap, parse_map_options
from replylint.io.readers import FORMATS, SourceError, detect_format, expand_paths, read_inputs
from replylint.io.record import Item, Record

__all__ = ["FORMATS", "KEYS", "FieldMap", "Item", "Record", "SourceError", "detect_format", "expand_paths",
           "parse_map_options", "read_inputs"]
