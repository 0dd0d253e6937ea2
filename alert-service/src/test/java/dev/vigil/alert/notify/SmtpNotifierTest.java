package dev.vigil.alert.notify;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.alert.config.am.EmailConfig;
import dev.vigil.alert.config.am.Secret;
import dev.vigil.alert.notify.EmailMessage;
import dev.vigil.alert.notify.NotifyException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpNotifierTest {
    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig().withUser("alerts", "s3cret"));

    private static EmailMessage message(String user, String password) {
        EmailConfig c = new EmailConfig(false, "oncall@example.org", "vigil@example.org", "", "127.0.0.1:" + ServerSetupTest.SMTP.getPort(),
                user, Secret.of(password), "", Secret.of(""), false, Map.of(), "", "");
        return new EmailMessage("team", "team/email[0]", "{}:{alertname=\"DiskFull\"}", c,
                Map.of("To", "oncall@example.org", "From", "vigil@example.org", "Subject", "[FIRING:1] DiskFull"),
                "<b>DiskFull</b> on win-1", "DiskFull on win-1");
    }

    @Test
    void deliversMultipartMailWithAuthToARealSmtpServer() throws Exception {
        new SmtpNotifier().send(message("alerts", "s3cret"), Duration.ofSeconds(10));
        MimeMessage[] got = mail.getReceivedMessages();
        assertEquals(1, got.length);
        assertEquals("[FIRING:1] DiskFull", got[0].getSubject());
        String body = GreenMailUtil.getBody(got[0]);
        assertTrue(body.contains("DiskFull on win-1"), body);
        assertTrue(body.contains("<b>DiskFull</b>"), body);
    }

    @Test
    void wrongPasswordFailsWithoutPuttingThePasswordInTheMessage() {
        NotifyException e = assertThrows(NotifyException.class,
                () -> new SmtpNotifier().send(message("alerts", "wrong-password-123"), Duration.ofSeconds(10)));
        assertFalse(e.getMessage().contains("wrong-password-123"), e.getMessage());
        assertTrue(e.getMessage().contains("team/email[0]"), e.getMessage());
    }
}
