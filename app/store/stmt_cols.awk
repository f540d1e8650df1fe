# stmt_cols.awk: makes stmt_cols.h from stmt.c. Every `#define SHAPE_COLS(C) C(SHAPE_X) ...` (continued
# with backslashes) is copied, then turned into `enum { SHAPE_X, ..., SHAPE__NCOLS };`.
BEGIN {
	print "/* stmt_cols.h: generated from app/store/stmt.c by app/store/stmt_cols.awk. Do not edit. */"
	print "#ifndef PASSAGE_STMT_COLS_H"
	print "#define PASSAGE_STMT_COLS_H"
	print ""
}
/^#define [A-Z0-9_]+_COLS\(C\)/ {
	shape = $2
	sub(/_COLS\(C\)$/, "", shape)
	copying = 1
}
copying {
	print
	if ($0 !~ /\\$/) {
		copying = 0
		printf "enum { %s_COLS(STMT_COL) %s__NCOLS };\n", shape, shape
	}
}
END {
	print ""
	print "#endif"
}
