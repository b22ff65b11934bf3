# The teaching text's bound UDP receiver: bind(('', 7788)), recvfrom(1024), print decoded as GBK.
# Changed only to bind port 0 on loopback and print the port first.
import socket

udp_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp_socket.settimeout(20)
local_addr = ('127.0.0.1', 0)
udp_socket.bind(local_addr)
print(udp_socket.getsockname()[1], flush=True)
recv_data = udp_socket.recvfrom(1024)
print(recv_data[0].decode('gbk'), flush=True)
udp_socket.close()
