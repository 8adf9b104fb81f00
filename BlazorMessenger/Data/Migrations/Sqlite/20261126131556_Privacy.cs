using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BlazorMessenger.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "JoinedSeq",
                table: "ConversationMembers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "MutedUntilUtc",
                table: "ConversationMembers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastSeenAudience",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "SilencesMutedMentions",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JoinedSeq",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "MutedUntilUtc",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "LastSeenAudience",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SilencesMutedMentions",
                table: "AspNetUsers");
        }
    }
}
