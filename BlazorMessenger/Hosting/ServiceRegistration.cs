using BlazorMessenger.Components.Account;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;

namespace BlazorMessenger.Hosting;

public static class ServiceRegistration
{
    public static WebApplicationBuilder AddMessengerServices(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessengerOptions.SectionName).Get<MessengerOptions>() ?? new();
        var dataDirectory = options.ResolveDataDirectory(builder.Environment.ContentRootPath);
        var services = builder.Services;

        services.Configure<MessengerOptions>(builder.Configuration.GetSection(MessengerOptions.SectionName));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        // Singletons: shared by every circuit, depend on nothing scoped.
        services.AddSingleton(new StorageLocation(dataDirectory));
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddDbContextFactory<ApplicationDbContext>(db => SqliteSetup.Configure(db, dataDirectory));

        // Scoped: one circuit's (or one request's) state.
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped(sp => new DemoUserSeeder(sp.GetRequiredService<UserManager<ApplicationUser>>(), Console.Out));

        services.AddDatabaseDeveloperPageExceptionFilter();
        AddIdentity(services, options);
        return builder;
    }

    private static void AddIdentity(IServiceCollection services, MessengerOptions messenger)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = messenger.RequireConfirmedAccount;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                // UsernameValidator owns the handle rule, with one clear message instead of Identity's generic one.
                options.User.AllowedUserNameCharacters = "";
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddUserValidator<UsernameValidator>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
    }
}
