package org.messagebroker.queue.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One of the queue's Lua scripts, called by its SHA-1 ({@code EVALSHA}) so that the script's text travels
 * only when Redis does not know it yet (after a restart or a {@code SCRIPT FLUSH}).
 */
final class LuaScript {

    private final String text;
    private volatile String sha;

    private LuaScript(String text) {
        this.text = text;
    }

    static LuaScript load(String resource) {
        try (var in = LuaScript.class.getResourceAsStream(resource)) {
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        if (sha == null) {
            sha = redis.scriptLoad(text);
        }
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException forgotten) {
            sha = redis.scriptLoad(text);
            return redis.evalsha(sha, type, keys, args);
        }
    }
}
