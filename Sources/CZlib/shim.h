// The system zlib (apt: zlib1g-dev). Deflate/inflate and CRC-32 for SheetZip.
#include <zlib.h>
