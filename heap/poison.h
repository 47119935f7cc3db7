// poison.h - AddressSanitizer's view of the heap's free memory. ASan builds
// poison free cells and runs so that a use after a sweep is caught; memory a
// heap writes without allocating (an image, another node's objects, a
// snapshot page) is unpoisoned first, since an earlier heap mapped at the same
// address may have left its poison there. Other builds compile these away.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define FOLIO_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define FOLIO_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define FOLIO_POISON(p, n) ((void)(p), (void)(n))
#define FOLIO_UNPOISON(p, n) ((void)(p), (void)(n))
#endif
