"""Shared, tested infrastructure for the course "Machine learning from scratch".

Every chapter imports from here (never from another chapter). See the module
docstrings for what each part provides.
"""
