#ifndef SLOTHUNTER_CLIBPQ_SHIM_H
#define SLOTHUNTER_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
