"""SQL text for names and values that cannot be bound as parameters (a table or column name, a literal inside a
view or a CASE): quoted as SQLite quotes them, so no name or value can end the quote."""


def ident(name: str) -> str:
    """A table or column name: "name", with any " doubled."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A string literal: 'text', with any ' doubled."""
    return "'" + text.replace("'", "''") + "'"
