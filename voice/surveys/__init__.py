"""Ask: survey and mission definitions, as files in `surveys/`, loaded, validated and linted."""
