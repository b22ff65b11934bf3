"""Types text into the first X window whose title starts with a prefix, through the X Test
extension (ctypes on libX11 and libXtst, nothing to install), then presses Ctrl+Return: what a
person does in iptux's chat window to send a message. Characters beyond ASCII (Chinese) are typed
by mapping their Unicode keysym onto a spare keycode, one at a time.

Usage: xtype.py TITLE_PREFIX TEXT [TIMEOUT_S]   exit 0 when typed, 3 when no such window appeared
       xtype.py --list x [DELAY_S]              prints every window and its title"""
import ctypes, ctypes.util, sys, time

x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDefaultRootWindow.restype = ctypes.c_ulong
x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                           ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                           ctypes.POINTER(ctypes.c_uint)]
x11.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
x11.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XKeysymToKeycode.restype = ctypes.c_ubyte
x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
x11.XStringToKeysym.restype = ctypes.c_ulong
x11.XChangeKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int,
                                       ctypes.POINTER(ctypes.c_ulong), ctypes.c_int]
x11.XGetKeyboardMapping.argtypes = [ctypes.c_void_p, ctypes.c_ubyte, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
x11.XGetKeyboardMapping.restype = ctypes.POINTER(ctypes.c_ulong)
x11.XDisplayKeycodes.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XWarpPointer.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                             ctypes.c_uint, ctypes.c_uint, ctypes.c_int, ctypes.c_int]
xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]

prefix, text = sys.argv[1].encode(), sys.argv[2]
timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 20
d = x11.XOpenDisplay(None)
if not d:
    sys.exit("cannot open the display")

def windows(w):
    root, parent = ctypes.c_ulong(), ctypes.c_ulong()
    kids, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
    if not x11.XQueryTree(d, w, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(kids), ctypes.byref(n)):
        return
    for i in range(n.value):
        yield kids[i]
        yield from windows(kids[i])

x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
x11.XInternAtom.restype = ctypes.c_ulong
x11.XGetWindowProperty.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long,
    ctypes.c_long, ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_void_p)]
NET_WM_NAME = x11.XInternAtom(d, b"_NET_WM_NAME", 0)

def title_of(w):
    t, fmt, n, after, data = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
    if x11.XGetWindowProperty(d, w, NET_WM_NAME, 0, 1024, 0, 0, ctypes.byref(t), ctypes.byref(fmt),
                              ctypes.byref(n), ctypes.byref(after), ctypes.byref(data)) == 0 and data.value and n.value:
        return ctypes.string_at(data.value, n.value)
    name = ctypes.c_char_p()
    if x11.XFetchName(d, w, ctypes.byref(name)) and name.value:
        return name.value
    return None

def find():
    for w in windows(x11.XDefaultRootWindow(d)):
        name = title_of(w)
        if name and name.startswith(prefix):
            return w, name.decode("utf-8", "replace")
    return None, None

if prefix == b"--list":
    time.sleep(timeout)
    for w in windows(x11.XDefaultRootWindow(d)):
        name = title_of(w)
        if name:
            print(hex(w), name.decode("utf-8", "replace"), flush=True)
    sys.exit(0)
end = time.time() + timeout
win = None
while time.time() < end:
    win, title = find()
    if win:
        break
    time.sleep(0.2)
if not win:
    print("no window titled", prefix.decode(), flush=True)
    sys.exit(3)
print("window:", title, flush=True)
time.sleep(0.5)
x11.XRaiseWindow(d, win)
x11.XWarpPointer(d, 0, win, 0, 0, 0, 0, 100, 300)
x11.XSetInputFocus(d, win, 1, 0)
x11.XSync(d, 0)
time.sleep(0.5)

lo, hi = ctypes.c_int(), ctypes.c_int()
x11.XDisplayKeycodes(d, ctypes.byref(lo), ctypes.byref(hi))
per = ctypes.c_int()
spare = None
for kc in range(hi.value, lo.value - 1, -1):
    syms = x11.XGetKeyboardMapping(d, kc, 1, ctypes.byref(per))
    if all(syms[i] == 0 for i in range(per.value)):
        spare = kc
        break
if spare is None:
    sys.exit("no spare keycode")

def tap(keycode):
    xtst.XTestFakeKeyEvent(d, keycode, 1, 0)
    xtst.XTestFakeKeyEvent(d, keycode, 0, 0)
    x11.XSync(d, 0)

for ch in text:
    cp = ord(ch)
    sym = cp if 0x20 <= cp < 0x7f else 0x01000000 + cp
    arr = (ctypes.c_ulong * 1)(sym)
    x11.XChangeKeyboardMapping(d, spare, 1, arr, 1)
    x11.XSync(d, 0)
    time.sleep(0.05)
    tap(spare)
    time.sleep(0.05)

ctrl = x11.XKeysymToKeycode(d, x11.XStringToKeysym(b"Control_L"))
ret = x11.XKeysymToKeycode(d, x11.XStringToKeysym(b"Return"))
xtst.XTestFakeKeyEvent(d, ctrl, 1, 0)
tap(ret)
xtst.XTestFakeKeyEvent(d, ctrl, 0, 0)
x11.XSync(d, 0)
time.sleep(0.3)
print("typed", len(text), "characters and Ctrl+Return", flush=True)
