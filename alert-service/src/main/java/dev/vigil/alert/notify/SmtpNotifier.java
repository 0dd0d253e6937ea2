package dev.vigil.alert.notify;

import dev.vigil.alert.config.am.EmailConfig;
import dev.vigil.alert.notify.EmailMessage;
import dev.vigil.alert.notify.Notification;
import dev.vigil.alert.notify.Notifier;
import dev.vigil.alert.notify.NotifyException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Sends email receivers' notifications over SMTP as Alertmanager does: STARTTLS when the server
 * offers it (required when {@code require_tls}, the default), PLAIN/LOGIN auth when a user is
 * set, multipart text + HTML bodies. Failures name the integration, never the password.
 */
public final class SmtpNotifier implements Notifier {

    @Override
    public void send(Notification notification, Duration timeout) throws NotifyException {
        if (!(notification instanceof EmailMessage m)) {
            throw new NotifyException("not an email: " + notification.integration(), false);
        }
        EmailConfig c = m.config();
        String[] hostPort = splitHostPort(c.smarthost());
        Properties p = new Properties();
        p.put("mail.smtp.host", hostPort[0]);
        p.put("mail.smtp.port", hostPort[1]);
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", Boolean.toString(c.requireTls()));
        p.put("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(timeout.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
        if (!c.hello().isEmpty()) {
            p.put("mail.smtp.localhost", c.hello());
        }
        boolean auth = !c.authUsername().isEmpty();
        p.put("mail.smtp.auth", Boolean.toString(auth));
        Session session = auth
                ? Session.getInstance(p, new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(c.authUsername(), c.authPassword().value());
                    }
                })
                : Session.getInstance(p);
        try {
            MimeMessage msg = new MimeMessage(session);
            for (Map.Entry<String, String> h : m.headers().entrySet()) {
                switch (h.getKey()) {
                    case "To" -> msg.setRecipients(Message.RecipientType.TO, InternetAddress.parse(h.getValue()));
                    case "From" -> msg.setFrom(new InternetAddress(h.getValue()));
                    case "Subject" -> msg.setSubject(h.getValue(), "UTF-8");
                    default -> msg.setHeader(h.getKey(), h.getValue());
                }
            }
            MimeMultipart body = new MimeMultipart("alternative");
            if (!m.text().isEmpty()) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(m.text(), "UTF-8", "plain");
                body.addBodyPart(text);
            }
            if (!m.html().isEmpty()) {
                MimeBodyPart html = new MimeBodyPart();
                html.setText(m.html(), "UTF-8", "html");
                body.addBodyPart(html);
            }
            msg.setContent(body);
            Transport.send(msg);
        } catch (MessagingException e) {
            // The message of a MessagingException carries the server's reply, not our credentials.
            throw new NotifyException(m.integration() + ": SMTP delivery via " + c.smarthost() + " failed: " + e.getMessage(), true, e);
        }
    }

    static String[] splitHostPort(String smarthost) {
        int colon = smarthost.lastIndexOf(':');
        if (colon <= 0) {
            return new String[]{smarthost, "25"};
        }
        return new String[]{smarthost.substring(0, colon), smarthost.substring(colon + 1)};
    }
}
