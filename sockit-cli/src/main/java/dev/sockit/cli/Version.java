package dev.sockit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version Maven wrote into the jar: the manifest's Implementation-Version (already read by the
 * JVM, so free at start-up), else {@code version.properties} (classes run outside the jar, tests).
 */
public final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    String fromManifest = Version.class.getPackage().getImplementationVersion();
    if (fromManifest != null) {
      return lines(fromManifest);
    }
    Properties p = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return lines(p.getProperty("version", "unknown"));
  }

  private static String[] lines(String version) {
    return new String[] {
      "sockit " + version,
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
