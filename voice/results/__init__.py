"""Results for analysts: figures with small numbers suppressed, theming with people, exports."""
