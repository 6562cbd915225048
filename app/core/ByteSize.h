// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// Sizes are written one way everywhere: IEC units with one decimal, "512 B", "1.5 KiB", "2.0 MiB".
namespace ByteSize {
QString text(qint64 bytes);
}
