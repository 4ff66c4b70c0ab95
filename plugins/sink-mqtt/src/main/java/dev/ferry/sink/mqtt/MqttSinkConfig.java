package dev.ferry.sink.mqtt;

import dev.ferry.api.Nullable;
import dev.ferry.api.config.DataSize;
import dev.ferry.api.config.Default;
import dev.ferry.api.config.Doc;
import dev.ferry.api.config.Max;
import dev.ferry.api.config.Min;
import dev.ferry.api.config.Positive;
import dev.ferry.tls.TlsConfig;
import java.time.Duration;

/** The keys of a {@code type: mqtt} sink. */
public record MqttSinkConfig(
        @Doc("Broker address: mqtts://host:port (TLS, port 8883 when left out) or mqtt://host:port (plain TCP, 1883)."
                + " Plain TCP to a host other than this machine is refused unless `insecure` is true.")
        String url,
        @Doc("MQTT client identifier; the agent id when left out. Two clients with the same id throw each other off.")
        @Nullable String clientId,
        @Doc("Protocol version: 5 or 3.1.1.")
        @Default("5") String protocol,
        @Doc("Topic of each reading, with placeholders {agent}, {source}, {metric} and {tag:NAME} (`_` when the reading"
                + " has no such tag).")
        @Default("ferry/{agent}/{source}/{metric}") String topic,
        @Doc("0: at most once, no acknowledgement; 1: at least once, the log moves on only after the broker's PUBACK.")
        @Default("1") @Min("0") @Max("1") int qos,
        @Doc("Publish readings with the retained flag, so a new subscriber gets the last value of each topic at once.")
        @Default("false") boolean retain,
        @Doc("Payload format: json (one object per reading, as the file sink writes), senml-json or senml-cbor (RFC 8428).")
        @Default("json") PayloadEncoding encoding,
        @Doc("Put many readings into one message, up to this many bytes of payload; 0 sends one message per reading."
                + " Batches go to `batch_topic`.")
        @Default("0") DataSize batchBytes,
        @Doc("Topic of batched messages, with the placeholder {agent}. Left out: `{agent}/batch` under the leading"
                + " levels of `topic` that hold no placeholder, or `ferry/{agent}/batch` when it has none.")
        @Nullable String batchTopic,
        @Doc("Topic of gap records (readings the log gave up, and why), with the placeholder {agent}. Left out:"
                + " `{agent}/gaps` under the leading levels of `topic` that hold no placeholder, or `ferry/{agent}/gaps`.")
        @Nullable String gapTopic,
        @Doc("Retained status topic: `online` is published there after connecting, and the broker publishes `offline`"
                + " (the Last Will) when the connection dies. Left out: `{agent}/status` under the leading levels of"
                + " `topic` that hold no placeholder, or `ferry/{agent}/status`. Empty turns both off.")
        @Nullable String statusTopic,
        @Doc("Most QoS 1 messages sent but not yet acknowledged; the broker's receive maximum lowers it.")
        @Default("1000") @Min("1") @Max("65535") int inFlight,
        @Doc("Interval of keep-alive pings; a connection silent for 1.5 times this, or whose publishes wait that long"
                + " for an acknowledgement while pings are answered, is taken for dead and reopened.")
        @Default("20s") @Positive Duration keepAlive,
        @Doc("Longest wait for the TCP, TLS and MQTT connection to be set up.")
        @Default("10s") @Positive Duration connectTimeout,
        @Doc("MQTT 5 message expiry: the broker drops a message not delivered within this time. Left out: never.")
        @Nullable Duration messageExpiry,
        @Doc("User name for the broker.")
        @Nullable String username,
        @Doc("Password for the broker; write it as ${ENV_NAME}.")
        @Nullable String password,
        @Doc("Allow plain TCP (mqtt://) to a broker that is not on this machine: readings and password travel in clear.")
        @Default("false") boolean insecure,
        @Doc("TLS settings for mqtts:// (CA, client certificate and key for mutual TLS).")
        @Nullable TlsConfig tls) {

    /** How readings are written into a message. */
    public enum PayloadEncoding {
        JSON("application/json"),
        SENML_JSON("application/senml+json"),
        SENML_CBOR("application/senml+cbor");

        private final String contentType;

        PayloadEncoding(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        /** As written in the config: {@code senml-json}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
