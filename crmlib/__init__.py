"""CRM Value Lab helper library."""
