package com.zerolaghub.verticles.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The portal's files, read once from the classpath into memory (a few hundred KB): the app under
 * {@code portal/} and the pinned browser libraries from their WebJar/mvnpm jars, each under the
 * path the app imports it by ({@code vendor/preact.js}, …). Their combined hash is the version
 * in every asset URL, so assets can be cached for a year and a new jar is fetched at once.
 *
 * <p>The ES module bare specifier {@code import … from "preact"} in Preact's hooks module is
 * rewritten here to the relative {@code "./preact.js"}: a browser resolves bare specifiers only
 * through an import map, which would have to be an inline script, and the CSP forbids those.
 * Preact and htm themselves import nothing; xterm 4 is a UMD file that sets {@code window.Terminal}.
 */
final class PortalFiles {
  /** A file as served: its bytes and media type. */
  record File(byte[] bytes, String mediaType) {}

  static final String APP_ROOT = "portal";

  private final Map<String, File> files;
  private final String version;

  private PortalFiles(Map<String, File> files) {
    this.files = Map.copyOf(files);
    this.version = hashOf(files);
  }

  /** Reads every file; blocking, call it off the event loop. Fails when a pinned library is missing. */
  static PortalFiles load(ClassLoader loader) {
    Map<String, File> files = new TreeMap<>();
    readTree(loader, APP_ROOT, files);
    String preact = "META-INF/resources/webjars/preact/" + version(loader, "org.webjars.npm", "preact") + "/";
    String htm = "META-INF/resources/_static/htm/" + version(loader, "org.mvnpm", "htm") + "/";
    String xterm = "META-INF/resources/webjars/xterm/" + version(loader, "org.webjars.npm", "xterm") + "/";
    vendor(loader, files, "preact.js", preact + "dist/preact.module.js");
    vendor(loader, files, "hooks.js", preact + "hooks/dist/hooks.module.js");
    vendor(loader, files, "htm.js", htm + "dist/htm.module.js");
    vendor(loader, files, "xterm.js", xterm + "lib/xterm.js");
    vendor(loader, files, "xterm.css", xterm + "css/xterm.css");
    return new PortalFiles(files);
  }

  /** The file at {@code path} (relative to the asset root, e.g. {@code app/main.js}), or null. */
  File get(String path) {
    return files.get(path);
  }

  /** Hex digits that change whenever any served byte changes. */
  String version() {
    return version;
  }

  private static void vendor(ClassLoader loader, Map<String, File> files, String name, String resource) {
    String text = new String(bytes(loader, resource), StandardCharsets.UTF_8);
    text = text.replace("from\"preact\"", "from\"./preact.js\"").replace("from 'preact'", "from './preact.js'")
        .replace("from \"preact\"", "from \"./preact.js\"");
    files.put("vendor/" + name, new File(text.getBytes(StandardCharsets.UTF_8), mediaTypeOf(name)));
  }

  /** The version a library's jar was built from, from the pom.properties Maven puts in every jar. */
  private static String version(ClassLoader loader, String group, String artifact) {
    Properties properties = new Properties();
    try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) throw new IllegalStateException("the portal library " + group + ":" + artifact + " is not on the classpath");
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  private static byte[] bytes(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing portal resource " + resource);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under the classpath folder {@code root}, from a directory (IDE, tests) or a jar. */
  private static void readTree(ClassLoader loader, String root, Map<String, File> into) {
    URL index = loader.getResource(root + "/index.html");
    if (index == null) throw new IllegalStateException("missing portal resource " + root + "/index.html");
    try {
      URI uri = index.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        walk(fs.getPath(root), into);
      } else {
        walk(Path.of(uri).getParent(), into);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void walk(Path base, Map<String, File> into) throws IOException {
    try (Stream<Path> paths = Files.walk(base)) {
      for (Path p : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        String relative = base.relativize(p).toString().replace('\\', '/');
        into.put(relative, new File(Files.readAllBytes(p), mediaTypeOf(relative)));
      }
    }
  }

  static String mediaTypeOf(String name) {
    String n = name.toLowerCase();
    if (n.endsWith(".html")) return "text/html; charset=utf-8";
    if (n.endsWith(".js")) return "text/javascript; charset=utf-8";
    if (n.endsWith(".css")) return "text/css; charset=utf-8";
    if (n.endsWith(".svg")) return "image/svg+xml";
    if (n.endsWith(".png")) return "image/png";
    if (n.endsWith(".ico")) return "image/x-icon";
    if (n.endsWith(".json") || n.endsWith(".webmanifest")) return "application/json";
    return "application/octet-stream";
  }

  private static String hashOf(Map<String, File> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      files.forEach((path, file) -> {
        digest.update(path.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.bytes());
      });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
