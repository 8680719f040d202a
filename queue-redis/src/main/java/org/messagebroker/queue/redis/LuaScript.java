package org.messagebroker.queue.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One of the queue's Lua scripts, called by its SHA-1 ({@code EVALSHA}) so that the script's text travels
 * only when the node does not know it yet ({@code EVAL} then, which also caches it there): after a restart,
 * a {@code SCRIPT FLUSH} or a failover to a replica. No {@code SCRIPT LOAD}: on a cluster that would go to
 * every primary the client knows of, a failed one too.
 */
final class LuaScript {

    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    /** The script in {@code resource}, after {@code prelude.lua}: the helpers every script shares. */
    static LuaScript load(String resource) {
        return new LuaScript(read("prelude.lua") + read(resource));
    }

    private static String read(String resource) {
        try (var in = LuaScript.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException unknownThere) {
            return redis.eval(text, type, keys, args);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
