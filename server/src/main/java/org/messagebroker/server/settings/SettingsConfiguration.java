package org.messagebroker.server.settings;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each group of {@link ServerSettings} as a bean, so a class asks only for the settings it uses. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServerSettings.class)
class SettingsConfiguration {

    @Bean
    ServerSettings.Jwt jwtSettings(ServerSettings settings) {
        return settings.jwt();
    }

    @Bean
    ServerSettings.Login loginSettings(ServerSettings settings) {
        return settings.login();
    }

    @Bean
    ServerSettings.Ca caSettings(ServerSettings settings) {
        return settings.ca();
    }

    @Bean
    ServerSettings.Keys keySettings(ServerSettings settings) {
        return settings.keys();
    }

    @Bean
    ServerSettings.Retention retentionSettings(ServerSettings settings) {
        return settings.retention();
    }

    @Bean
    ServerSettings.Webhooks webhookSettings(ServerSettings settings) {
        return settings.webhooks();
    }

    @Bean
    ServerSettings.Mail mailSettings(ServerSettings settings) {
        return settings.mail();
    }

    @Bean
    ServerSettings.ReadReplica readReplicaSettings(ServerSettings settings) {
        return settings.readReplica();
    }
}
