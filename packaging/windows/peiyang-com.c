/*
 * Peiyang.com: the command-line face of Peiyang.exe, shipped beside it.
 *
 * Peiyang.exe is a GUI-subsystem program, so that double-clicking it opens
 * the window without a console. cmd and PowerShell do not wait for such a
 * program, so its output would land after the next prompt. Typing
 * `peiyang stats` in the install folder (or with it on PATH) finds
 * Peiyang.com first (PATHEXT lists .COM before .EXE): this small
 * console-subsystem program starts Peiyang.exe with the same arguments and
 * standard handles, waits for it and returns its exit code. Peiyang.exe
 * attaches to this console and writes to it in UTF-16 (see
 * console_windows.go). Ctrl+C reaches both; this launcher ignores it and
 * keeps waiting while Peiyang.exe stops cleanly.
 *
 * Built by scripts/dist.sh with x86_64-w64-mingw32-gcc.
 */
#include <windows.h>
#include <wchar.h>

static BOOL WINAPI ignore_ctrl(DWORD type)
{
	(void)type;
	return TRUE;
}

static void fail(const wchar_t *what)
{
	DWORD n;
	HANDLE h = GetStdHandle(STD_ERROR_HANDLE);
	wchar_t msg[512];
	_snwprintf(msg, 511, L"Peiyang.com: %ls (error %lu)\r\n", what, GetLastError());
	msg[511] = 0;
	if (!WriteConsoleW(h, msg, (DWORD)wcslen(msg), &n, NULL)) {
		char utf8[1536];
		int len = WideCharToMultiByte(CP_UTF8, 0, msg, -1, utf8, sizeof utf8, NULL, NULL);
		if (len > 1)
			WriteFile(h, utf8, (DWORD)(len - 1), &n, NULL);
	}
	ExitProcess(1);
}

/* args returns the command line after the program's own name. */
static const wchar_t *args(const wchar_t *cl)
{
	if (*cl == L'"') {
		for (cl++; *cl && *cl != L'"'; cl++)
			;
		if (*cl)
			cl++;
	} else {
		while (*cl && *cl != L' ' && *cl != L'\t')
			cl++;
	}
	return cl;
}

int main(void)
{
	static wchar_t exe[32768], cmd[32768 + 64];
	DWORD n = GetModuleFileNameW(NULL, exe, 32767);
	wchar_t *dot;
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	DWORD code = 1;

	if (n == 0 || n >= 32767)
		fail(L"cannot find its own path");
	dot = wcsrchr(exe, L'.');
	if (dot == NULL || wcslen(dot) != 4)
		fail(L"its own name does not end in .com");
	wcscpy(dot, L".exe");
	if (_snwprintf(cmd, 32768 + 63, L"\"%ls\"%ls", exe, args(GetCommandLineW())) < 0)
		fail(L"the command line is too long");

	SetConsoleCtrlHandler(ignore_ctrl, TRUE);
	ZeroMemory(&si, sizeof si);
	si.cb = sizeof si;
	si.dwFlags = STARTF_USESTDHANDLES;
	si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
	si.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
	si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
	if (!CreateProcessW(exe, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
		fail(L"cannot start Peiyang.exe beside it");
	CloseHandle(pi.hThread);
	WaitForSingleObject(pi.hProcess, INFINITE);
	GetExitCodeProcess(pi.hProcess, &code);
	CloseHandle(pi.hProcess);
	return (int)code;
}
