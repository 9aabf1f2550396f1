import BulletinCLI
BulletinCommand.main()
