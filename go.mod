module github.com/askerkommune/temaplanbot

go 1.26
