/* pack.h: XML values of the store kept deflated (zlib, RFC 1950).
 *
 * A survey record or a registry row is 4 to 8 KB of XML, which LMDB keeps in whole
 * overflow pages of its own (2 of 4 KB a survey); deflated it is about a sixth and sits in
 * a leaf page beside others. The store shrinks about fourfold, and a transfer, a report
 * or a CSV reads that many fewer pages. A value that begins with '<' is XML as stored
 * before packing: it is read as it is, so an older store needs no conversion. */
#ifndef BP_PACK_H
#define BP_PACK_H

#include <stddef.h>

#include "util.h"

#define PACK_MAX (4u << 20)	/* the largest XML a packed value may unpack to */

/* pack_deflate: append the deflated in to out. */
int pack_deflate(const void *in, size_t n, struct buf *out);

/* pack_xml: the XML of a stored value: *xml points into in when it is plain XML, else
 * into out (reset), which gets it inflated. BP_EXML when in is neither, or unpacks to
 * more than PACK_MAX. */
int pack_xml(const void *in, size_t n, struct buf *out, const char **xml, size_t *len);

#endif
