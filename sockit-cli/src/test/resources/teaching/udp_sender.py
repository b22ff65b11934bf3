# The teaching text's UDP sender: sendto(data, addr), then recvfrom(1024) and print the reply.
# Changed only so the test passes the address and data instead of 192.168.1.132:8234 and input().
import socket, sys

udp_socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp_socket.settimeout(10)
Addr = (sys.argv[1], int(sys.argv[2]))
sendData = sys.argv[3]
udp_socket.sendto(sendData.encode('utf-8'), Addr)
recvData = udp_socket.recvfrom(1024)
print(recvData[0].decode('utf-8'), recvData[1][0], flush=True)
udp_socket.close()
