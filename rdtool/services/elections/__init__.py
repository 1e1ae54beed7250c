"""Elections held by the township congress, their outcomes (presidium roles, office-holders), appointments, a post's end, by-elections."""
