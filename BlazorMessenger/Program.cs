using BlazorMessenger.Components;
using BlazorMessenger.Components.Account;
using BlazorMessenger.Features.Bots.Api;
using BlazorMessenger.Features.Hooks;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Hosting;
using BlazorMessenger.Hosting.Backup;
using BlazorMessenger.Hosting.Operations;

if (BackupCommand.Handles(args))
{
    Environment.ExitCode = await BackupCommand.RunAsync(args);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMessengerServices();

var app = builder.Build();
app.UseEdgeProtection();
app.UseStorageGate();

if (app.Environment.IsDevelopment())
{
    app.UseMigrationsEndPoint();
}
else
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseSameOriginGate();
app.UseResponseCompression();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapMediaEndpoints();
app.MapAvatarEndpoints();
BotApi.MapBotApi(app);
app.MapHooks();
app.MapMessengerOperations();

app.Run();
