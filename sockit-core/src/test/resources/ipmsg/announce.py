"""Many IPMsg peers announcing at once: one UDP socket bound to each address given (all on the
IPMsg port), each sending a FeiQ-style BR_ENTRY to the broadcast address as fast as the loop goes.
Prints 'sent N FIRST_US LAST_US' (wall-clock microseconds), then keeps the sockets open for HOLD
seconds so that the answers have somewhere to go.

Usage: announce.py BROADCAST PORT HOLD_S ADDRESS..."""
import socket, sys, time

broadcast, port, hold = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
socks = []
for addr in sys.argv[4:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    s.bind((addr, port))
    socks.append(s)
first = time.time_ns() // 1000
for i, s in enumerate(socks):
    version = "1_lbt6_0#128#%012X#0#0#0#4001#9" % (0x0C2900000000 + i)
    packet = ("%s:%d:user%d:host%d:1:" % (version, 1000 + i, i, i)).encode() + (
        "peer%d\0group\0" % i).encode()
    s.sendto(packet, (broadcast, port))
last = time.time_ns() // 1000
print("sent", len(socks), first, last, flush=True)
time.sleep(hold)
