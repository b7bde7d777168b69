/*
 * Test scaffolding only, never shipped: Wine 8.0 (Debian 12) has no
 * bcryptprimitives.dll, whose ProcessPrng every Go 1.22+ Windows program
 * loads at start for its random numbers. Real Windows 10 and later has
 * it. This stub forwards ProcessPrng to BCryptGenRandom, which Wine has,
 * so that Peiyang.exe and the Windows test binaries run under Wine.
 * scripts/wine-prefix.sh builds it with mingw and puts it into the test
 * prefix's system32.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, LPVOID reserved)
{
	(void)inst;
	(void)reason;
	(void)reserved;
	return TRUE;
}
