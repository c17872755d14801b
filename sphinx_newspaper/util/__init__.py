"""Tools of the whole package: the input gate (:mod:`.files`), the one error type
(:mod:`.errors`), the policy for characters no output can hold (:mod:`.characters`) and
regular expressions compiled at first use (:mod:`.patterns`)."""
