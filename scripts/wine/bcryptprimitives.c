/*
 * Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8.0 lacks. Rust's standard library
 * (Windows 10 and later) takes its random bytes from ProcessPrng in that DLL; without it a Rust program
 * exits with code 53 under Wine before main. This forwards to BCryptGenRandom, which Wine has.
 *
 * Built by scripts/windows-env.sh into the Wine prefix used by the tests; never part of the release:
 * real Windows 10 and 11 ship the DLL.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
