package org.tiprouter.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;

/**
 * Port checks on the IPv4 loopback address, the only address the embedded platform binds.
 */
public final class LoopbackPorts {

  /** The textual loopback host every embedded service binds to and advertises. */
  static final String HOST = "127.0.0.1";

  private static final InetAddress LOOPBACK = loopback();
  private static final int CONNECT_TIMEOUT_MS = 250;

  private LoopbackPorts() {
  }

  static InetAddress address() {
    return LOOPBACK;
  }

  /**
   * Asks the kernel for a port that is free on 127.0.0.1 right now. Another process may take it before we
   * bind it; callers that bind it later report that case with the port in the message.
   */
  static int pickFree() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not find a free port on " + HOST, e);
    }
  }

  /**
   * Fails fast when a fixed port cannot be bound on 127.0.0.1.
   *
   * @param port       the port to check, 1-65535
   * @param service    what wants the port, e.g. "Kafka", used at the start of the message
   * @param optionName the option that chooses the port (e.g. "--kafka-port"), or null
   * @throws IllegalStateException naming the port, when it is taken
   */
  public static void requireFree(int port, String service, String optionName) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
    } catch (BindException e) {
      throw new IllegalStateException(portInUseMessage(port, service, optionName), e);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not check port " + port + " on " + HOST, e);
    }
  }

  static String portInUseMessage(int port, String service, String optionName) {
    String advice = optionName == null || optionName.isBlank()
        ? "choose another port"
        : "choose another with " + optionName;
    return service + " port " + port + " is already in use on " + HOST + "; " + advice;
  }

  /** True when something accepts TCP connections on 127.0.0.1:port. */
  static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("Cannot build the IPv4 loopback address", e);
    }
  }
}
