using System.Net;
using System.Text;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Hooks;

/// <summary>
/// Incoming webhooks driven by Slack's own sender, @slack/webhook 8.0.2 (npm), unmodified, and by the payload shapes the
/// notifiers teams run send (Alertmanager, Grafana, GitLab's form); the answers are Slack's, byte for byte.
/// </summary>
[Collection(IntegrationsCollection.Name)]
public sealed class SlackWebhookClientTests(IntegrationsApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> SlackSendsAsync(string url, string payload)
    {
        var lines = await NodeClient.RunAsync("slack-webhook.js", new Dictionary<string, string> { ["HOOK_URL"] = url, ["PAYLOAD"] = payload });
        return Assert.Single(lines);
    }

    private async Task<(string PersonId, long GroupId, string HookId, string Url)> GroupWithHookAsync()
    {
        var (aliceId, _) = await app.PersonAsync("alice");
        var (_, bob) = await app.PersonAsync("bob");
        var groupId = await app.GroupAsync(aliceId, bob);
        var (hookId, url) = await app.HookAsync(aliceId, groupId);
        return (aliceId, groupId, hookId, url);
    }

    private async Task<ChatMessage> LastPostAsync(string readerId, long groupId) =>
        (await app.Get<ChatService>().GetPageAsync(readerId, groupId, null, Ct)).Last(m => m.ByHook);

    [Fact]
    public async Task Slacks_sender_posts_formatted_text_under_its_name_an_attachment_and_blocks_and_reads_ok()
    {
        var (alice, groupId, hookId, url) = await GroupWithHookAsync();

        Assert.Equal("answer: ok", await SlackSendsAsync(url, """{"text":"deploy *ok*","username":"ci"}"""));
        var text = await LastPostAsync(alice, groupId);
        Assert.Equal((hookId, "deploy **ok**", "ci"), (text.SenderId, text.Body, text.Card!.As));

        Assert.Equal("answer: ok", await SlackSendsAsync(url,
            """{"text":"build *green*","attachments":[{"color":"good","title":"CI","title_link":"https://ci.example.com/1","fields":[{"title":"branch","value":"main","short":true}]}]}"""));
        var card = (await LastPostAsync(alice, groupId)).Card!;
        Assert.Equal("build **green**", (await LastPostAsync(alice, groupId)).Body);
        Assert.NotNull(Assert.Single(card.Boxes).Color);

        Assert.Equal("answer: ok", await SlackSendsAsync(url,
            """{"blocks":[{"type":"header","text":{"type":"plain_text","text":"Release 2.1"}},{"type":"divider"},{"type":"section","text":{"type":"mrkdwn","text":"All *12* checks passed"}}]}"""));
        var blocks = await LastPostAsync(alice, groupId);
        Assert.True(blocks.Card!.TextHidden);
        Assert.Single(blocks.Card.Boxes);
        Assert.Contains("Release 2.1", blocks.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alertmanagers_attachments_only_post_gitlabs_form_post_and_a_multipart_form_all_go_in()
    {
        var (alice, groupId, _, url) = await GroupWithHookAsync();
        const string alertmanager = """
            {"channel":"#ops","username":"Alertmanager","icon_emoji":":rotating_light:","attachments":[{"title":"[FIRING:1] DiskFull",
             "title_link":"http://alertmanager:9093/#/alerts","pretext":"","text":"*disk* is 91% full on db-1","fallback":"[FIRING:1] DiskFull",
             "footer":"","color":"danger","mrkdwn_in":["fallback","pretext","text"],"fields":[{"title":"severity","value":"critical","short":true}]}]}
            """;

        Assert.Equal("answer: ok", await SlackSendsAsync(url, alertmanager));
        var alert = await LastPostAsync(alice, groupId);
        Assert.Equal(("[FIRING:1] DiskFull", "Alertmanager", true), (alert.Body, alert.Card!.As, alert.Card.TextHidden));
        Assert.Equal("🚨", alert.Card.Icon);

        using var http = new HttpClient();
        var gitlab = """{"text":"alice pushed to <https://gitlab.example.com/x/tree/main|main>","attachments":[{"text":"fix: the build","color":"#345"}],"username":"GitLab"}""";
        using var form = new FormUrlEncodedContent([new("payload", gitlab)]);
        var answer = await http.PostAsync(url, form, Ct);
        Assert.Equal((HttpStatusCode.OK, "ok"), (answer.StatusCode, await answer.Content.ReadAsStringAsync(Ct)));
        Assert.Equal("alice pushed to main (https://gitlab.example.com/x/tree/main)", (await LastPostAsync(alice, groupId)).Body);

        using var multipart = new MultipartFormDataContent { { new StringContent("{\"text\":\"from a multipart form\"}"), "payload" } };
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(url, multipart, Ct)).StatusCode);
        Assert.Equal("from a multipart form", (await LastPostAsync(alice, groupId)).Body);
    }

    [Fact]
    public async Task Curl_posts_as_the_readme_shows_and_reads_ok_with_no_newline()
    {
        var (alice, groupId, _, url) = await GroupWithHookAsync();
        const string curl = "/usr/bin/curl";
        Assert.True(File.Exists(curl), "The webhook tests post with curl, which was not found. Install it: sudo apt-get install -y curl (./test.sh does this itself when run as root).");
        var start = new System.Diagnostics.ProcessStartInfo(curl, ["-sS", "-d", "{\"text\":\"Disk *91%* full on <https://grafana.example.com/d/db1|db-1>\"}", url])
        {
            RedirectStandardOutput = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        Assert.Equal((0, "ok"), (process.ExitCode, output));
        Assert.Equal("Disk **91%** full on db-1 (https://grafana.example.com/d/db1)", (await LastPostAsync(alice, groupId)).Body);
    }

    [Fact]
    public async Task Every_failure_is_answered_in_slacks_words_and_stores_nothing()
    {
        var (alice, groupId, hookId, url) = await GroupWithHookAsync();
        using var http = new HttpClient();
        async Task<(HttpStatusCode, string)> PostAsync(string body, string target)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var answer = await http.PostAsync(target, content, Ct);
            return (answer.StatusCode, await answer.Content.ReadAsStringAsync(Ct));
        }

        Assert.Equal("failed: 404 no_service", await SlackSendsAsync(url[..^5] + "zzzzz", """{"text":"to nowhere"}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_payload"), await PostAsync("{\"text\": \"unclosed", url));
        Assert.Equal((HttpStatusCode.BadRequest, "no_text"), await PostAsync("{}", url));
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "payload_too_large"),
            await PostAsync($$"""{"text":"{{new string('x', 300 * 1024)}}"}""", url));

        using (var broken = new StringContent("--x\r\nnot a form part"))
        {
            broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            var answer = await http.PostAsync(url, broken, Ct);
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_payload"), (answer.StatusCode, await answer.Content.ReadAsStringAsync(Ct)));
        }

        Assert.True((await app.Get<HookService>().DeleteAsync(alice, hookId, Ct)).Succeeded);
        Assert.Equal("failed: 404 no_service", await SlackSendsAsync(url, """{"text":"after it was deleted"}"""));
        Assert.DoesNotContain(await app.Get<ChatService>().GetPageAsync(alice, groupId, null, Ct), m => m.ByHook);
    }

    [Fact]
    public async Task Past_its_burst_a_webhook_gets_429_with_retry_after_and_every_post_answered_ok_is_there()
    {
        var (alice, groupId, _, url) = await GroupWithHookAsync();
        using var http = new HttpClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var content = new StringContent($$"""{"text":"alert {{i}}"}""");
            var answer = await http.PostAsync(url, content, Ct);
            return (i, answer.StatusCode, answer.Headers.RetryAfter?.Delta);
        }));

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.True(a.Delta >= TimeSpan.FromSeconds(1)));
        var stored = (await app.Get<ChatService>().GetPageAsync(alice, groupId, null, Ct)).Where(m => m.ByHook).Select(m => m.Body).Order().ToList();
        Assert.Equal(answers.Where(a => a.StatusCode == HttpStatusCode.OK).Select(a => $"alert {a.i}").Order(), stored);
        Assert.Equal(20, answers.Count(a => a.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
    }
}
