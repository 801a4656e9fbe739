/* pdfdoc.h: a document as pdf.h's functions build it (pdfbuild.c) and pdf.c lays it out
 * and draws it: a list of blocks. Private to those two files. */
#ifndef BP_PDFDOC_H
#define BP_PDFDOC_H

#include "pdf.h"

enum kind { B_TITLE, B_HEADING, B_PARAGRAPH, B_PAIR, B_TABLE, B_ROW, B_CHART };

/* one shape of a chart */
struct shape {
	char kind;			/* 'r'ect, 'l'ine, 't'ext */
	double a, b, c, d;		/* x y w h, x1 y1 x2 y2, x y size */
	double rgb[3];
	char anchor;			/* text: 's', 'm', 'e' */
	char *text;			/* owned */
};

struct block {
	enum kind kind;
	int ncells;
	char *cells[PDF_COLS_MAX];	/* owned */
	double widths[PDF_COLS_MAX];	/* B_TABLE: parts of the text width */
	struct shape *shapes;		/* B_CHART, owned */
	int nshapes, capshapes;
	double cw, ch;			/* B_CHART: its own width and height */
	char *alt;			/* B_CHART: its alternative text, owned; NULL: none */
};

struct pdf {
	char *title;				/* owned */
	char *header[PDF_HEADER_LINES_MAX];	/* owned */
	int nheader;
	struct block *blocks;			/* owned, each block's cells too */
	int nblocks, capblocks;
	int table_cols;				/* of the open table, 0 when none */
};

#endif
