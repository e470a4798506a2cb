// zlib (Debian's zlib1g-dev) for the PNG writer in Pictures.
#include <zlib.h>
