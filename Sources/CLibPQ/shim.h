#ifndef SCHOOLNET_CLIBPQ_SHIM_H
#define SCHOOLNET_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
