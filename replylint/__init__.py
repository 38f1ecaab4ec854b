from replylint._version import __version__
