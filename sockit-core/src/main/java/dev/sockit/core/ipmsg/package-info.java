/**
 * IP Messenger (IPMsg), the LAN messenger protocol of FeiQ (飞秋), 内网通 and iptux: a tolerant packet
 * parser and encoder ({@link dev.sockit.core.ipmsg.IpmsgPacket}, {@link
 * dev.sockit.core.ipmsg.IpmsgBody}), command words by name ({@link
 * dev.sockit.core.ipmsg.IpmsgCommand}), the code pages such clients use ({@link
 * dev.sockit.core.ipmsg.IpmsgText}), offered files ({@link dev.sockit.core.ipmsg.Attachment}) and
 * folder transfer records ({@link dev.sockit.core.ipmsg.FolderHeader}).
 *
 * <pre>{@code
 * IpmsgPacket p = IpmsgPacket.parse(datagram);       // MalformedPacketException names what is wrong
 * IpmsgCommand.describe(p.command());                // "SENDMSG|SENDCHECKOPT"
 * IpmsgBody body = IpmsgBody.of(p, null, IpmsgText.GB18030);
 * if (body instanceof IpmsgBody.Message m) System.out.println(m.text() + " " + m.attachments());
 * }</pre>
 *
 * <p>Everything here reads bytes from strangers: every field, list and name is bounded, and the
 * parsers throw nothing but {@link dev.sockit.core.ipmsg.MalformedPacketException}.
 */
package dev.sockit.core.ipmsg;
