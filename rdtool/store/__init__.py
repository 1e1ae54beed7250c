"""Storage: the connection, the migrations, and the SQL for each entity."""
